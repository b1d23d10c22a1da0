"""lexkit: legislative Markdown and data to Word documents that read like official drafts."""

__version__ = "0.1.0"
