"""The built-in Word templates of pea-docs (request, cover letter, resolution)."""
