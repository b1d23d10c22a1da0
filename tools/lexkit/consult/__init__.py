"""The public consultation: the feedback form, intake of stakeholders' files into the register,
the author's decisions, and the analysis the report is written from."""
