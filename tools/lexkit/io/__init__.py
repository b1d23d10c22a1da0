"""Files from outside and files lexkit writes: safe readers of untrusted spreadsheets and
archives, YAML as lexkit reads it, deterministic zip and XLSX packages, atomic writes, and
the names of Office Open XML. Imports only the base modules (errors, codes)."""
