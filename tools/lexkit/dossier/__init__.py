"""A dossier: dossier.yaml, its data tables and their schemas, the Jinja templating of its
deliverables, the kinds of deliverable (documents, the to-verify list, the comparative table,
consolidated acts)."""
