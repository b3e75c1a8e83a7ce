"""Fair panel selection: from a pool of volunteers to a diverse, auditable panel with quotas."""
