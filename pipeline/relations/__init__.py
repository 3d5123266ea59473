"""Deal relations: pure functions over a parsed Doc that find deal frames, their parties, figures and status."""
