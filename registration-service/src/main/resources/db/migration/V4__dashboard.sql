-- What the organiser dashboard reads besides registrations and sessions.

-- The capacity as the capacity service last reported it with the seat counts (the catalogue's capacity is what
-- was configured; the two differ until the capacity service has applied a change).
alter table sessions add column reported_capacity int;

-- Every outcome applied to the read model, once (keyed by its message id): the dashboard's feed of the latest
-- decisions, and the guard that counts a redelivered outcome in the metrics only once. No personal data.
create table outcomes (
    message_id       text        primary key,
    registration_id  text        not null,
    event_id         text        not null,
    -- CONFIRMED, WAITLISTED, REJECTED (a decision), PROMOTED or CANCELLED
    kind             text        not null,
    reason           text,
    applied_at       timestamptz not null default now()
);

create index outcomes_latest on outcomes (event_id, applied_at desc);

-- The state of each email, as notification.outcomes last reported it; one row per email (the outcome it is about).
create table email_deliveries (
    decision_id      text        primary key,
    registration_id  text        not null,
    event_id         text        not null,
    kind             text        not null,
    -- SENT, RETRYING or FAILED
    status           text        not null,
    reason           text,
    reported_at      timestamptz not null
);

create index email_deliveries_event on email_deliveries (event_id, status);

create index registrations_received on registrations (event_id, created_at);
