"""The DOCX writer: the tree as WordprocessingML, in the package of reference.docx."""
