-- The first use of each Idempotency-Key (decision 0013): the registration it names and a SHA-256 of the request
-- that first used it, so that the same key with another body is refused. Registrations themselves are recorded by
-- the read model from the topics.
create table idempotency_keys (
    event_id         text        not null,
    idempotency_key  text        not null,
    registration_id  text        not null,
    request_hash     text        not null,
    created_at       timestamptz not null default now(),
    primary key (event_id, idempotency_key)
);
