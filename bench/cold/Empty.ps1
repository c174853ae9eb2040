# A bare start: what pwsh costs before any script of the user's does anything.
