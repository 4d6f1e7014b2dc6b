-- The events whose retention period is over (decision 0039): their recipients and reminder limits were deleted, and a
-- decision of such an event read late (the decisions wait while the mail server is down) remembers no recipient.
CREATE TABLE forgotten_event (
    event_id     text        PRIMARY KEY,
    forgotten_at timestamptz NOT NULL DEFAULT now()
);
