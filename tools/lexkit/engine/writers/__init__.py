"""Writers: a numbered Document tree to a file format. Each writer reads only the tree."""
