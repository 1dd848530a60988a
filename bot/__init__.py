"""toonbot's Slack half: workflow, store, rendering and thin Bolt listeners."""
