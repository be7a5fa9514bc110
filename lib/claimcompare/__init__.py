"""claimcompare: compare how news outlets report the same event, statement by statement."""
