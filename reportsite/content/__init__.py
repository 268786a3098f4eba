"""The contract between the stages: the model, the YAML files read and written, and the archive of reports."""
