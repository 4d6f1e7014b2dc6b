-- Erasure on request (GDPR Art. 17, issue 14, decision 0027). A registration whose person was erased keeps its id,
-- status, sessions and sector (the statistics) and is marked, so that a command or decision of it read again does
-- not bring the person back.
alter table registrations add column erased_at timestamptz;

-- The erasures of a person and event: a repeated request finds the latest by the keyed digest of the event and the
-- address (EMAIL_DIGEST_KEY), the one thing kept of the address, so that a repeat after the person is gone still
-- answers with the same erasure; a person who registered again after it gets a new one.
create table erasures (
    id               text        primary key,
    event_id         text        not null,
    person_digest    text        not null,  -- HMAC-SHA256 of the event id and the trimmed, lower-cased address
    registration_ids text[]      not null,
    requested_at     timestamptz not null
);
create index erasures_person on erasures (event_id, person_digest, requested_at);

-- Which store forgot the person behind which registration of an erasure: the read model and the capacity state when
-- the read model applies the capacity-service's RegistrationErased, the notification-service through
-- erasure.confirmations.
create table erasure_confirmations (
    erasure_id      text        not null,
    store           text        not null,
    registration_id text        not null,
    confirmed_at    timestamptz not null default now(),
    primary key (erasure_id, store, registration_id)
);
