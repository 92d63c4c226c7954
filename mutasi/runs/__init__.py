"""Runs: store -> engine -> audit, one transaction each."""
