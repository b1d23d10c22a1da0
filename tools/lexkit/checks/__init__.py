"""``lexkit check``: what a careful legal editor would catch before a reviewer does. One
module per family of checks; :mod:`lexkit.checks.run` runs them all on a
:class:`~lexkit.checks.subject.Subject`."""
