-- At most one "already registered" reminder per address per event per REMINDER_INTERVAL (issue 15, decision 0017):
-- one row per event and address, claimed atomically by the decision whose reminder goes out. The address is kept
-- only as a hash of its normalised form (trimmed, lower-cased); the row needs to be found, never read back.
CREATE TABLE reminder_claim (
    event_id     text        NOT NULL,
    address_hash text        NOT NULL,  -- SHA-256 hex of the trimmed, lower-cased address
    decision_id  text        NOT NULL,  -- the decision whose reminder holds the claim: its redelivery may send it
    claimed_at   timestamptz NOT NULL,
    PRIMARY KEY (event_id, address_hash)
);

-- sent_email.status may now also be SUPPRESSED: a reminder not sent on purpose, so a redelivery skips it as well.
