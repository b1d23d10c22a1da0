"""The PSEA officer's pack: a kind of dossier (``kind: psea`` in dossier.yaml).

From the tables a PSEA officer keeps (the work plan's actions, the SEA risk register, the
implementing partners' assessments, the training register exported by HR, the services of
the referral pathway) the same engine builds the work plan, the SEA risk assessment, the
training-compliance update, the partner summary and the referral pathway.

- :mod:`~lexkit.psea.model`: the settings, scales, training records and progress reports;
- :mod:`~lexkit.psea.training`: the training register read from HR's exports, its figures;
- :mod:`~lexkit.psea.risks`, :mod:`~lexkit.psea.partners`, :mod:`~lexkit.psea.workplan`:
  what the documents compute from the tables; :mod:`~lexkit.psea.charts`: their pictures;
- :mod:`~lexkit.psea.tracker`: the work plan's XLSX tracker, sent to units and read back;
- :mod:`~lexkit.psea.kind`: the kind itself, registered with the engine.
"""
