"""Who may do what with a report: the kernteam sets its status and keeps the transcripts;
readers (lezers) only read it (``assessments.view_report``)."""

import rules

from mia.assessments.rules import is_kernteam_member

rules.add_perm("reports.set_status", is_kernteam_member)
rules.add_perm("reports.change_transcript", is_kernteam_member)
