"""Benchmarks of the heavy paths: catalog PDF, Excel import and export. See README.md."""
