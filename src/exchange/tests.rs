//! Detection: what `parse` claims and what it leaves to the rest of the intake.
