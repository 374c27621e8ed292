"""A fake IonQ v0.4 API for offline development and CI (work in progress)."""
