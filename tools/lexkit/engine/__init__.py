"""The document: the tree (model), how legislative Markdown becomes it (front matter,
dialect, assembly, numbering, amendments), how two versions of it differ (diff), and how it
is written (writers/). Knows nothing of dossiers, consultations or checks."""
