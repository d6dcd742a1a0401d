"""Settings: `base` is read from the environment; `test` adds what the test suite needs."""
