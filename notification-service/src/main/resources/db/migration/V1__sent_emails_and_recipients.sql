-- One row per email that went out (or was refused for good), written after the SMTP server took it: a redelivered
-- decision, or one read again after a restart, finds its row and is not sent a second time.
CREATE TABLE sent_email (
    registration_id text        NOT NULL,
    decision_id     text        NOT NULL,  -- the decision's message id: deterministic, so a replay has the same one
    kind            text        NOT NULL,
    status          text        NOT NULL,  -- SENT or FAILED
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, decision_id)
);

-- Whom later emails about a registration go to: promotions and cancellations name no recipient (decision 0003).
-- Only registrations that can be promoted or cancelled (confirmed, waitlisted) are kept.
CREATE TABLE recipient (
    registration_id text        PRIMARY KEY,
    event_id        text        NOT NULL,
    email_key       text        NOT NULL,  -- trimmed and lower-cased, as the capacity service compares addresses
    email           text        NOT NULL,
    first_name      text,
    last_name       text,
    locale          text,
    decided_at      timestamptz NOT NULL,
    cancelled_at    timestamptz
);

-- "Already registered" reminders find the active registration of an address for an event.
CREATE INDEX recipient_active ON recipient (event_id, email_key) WHERE cancelled_at IS NULL;
