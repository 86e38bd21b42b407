"""The default policy of DESIGN.md over the cast: who reads a record that belongs to `cast.agent`.
Everyone else gets the answer for a record that does not exist."""

AGENT_RECORD_READERS = [
    ("agent", 200),
    ("leader", 200),
    ("manager", 200),
    ("hr", 200),
    ("teammate", 404),
    ("other_agent", 404),
    ("other_leader", 404),
    ("far_leader", 404),
    ("other_manager", 404),
    ("trainer", 404),
]
