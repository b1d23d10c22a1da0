"""Reviewers and versions: a reviewer's Word comments and tracked changes back into the
consultation register (ingest), and two versions of a document compared as tracked changes
(compare)."""
