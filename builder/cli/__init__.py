"""The `agk` command line: argument parsing and what each subcommand does."""
