-- The catalogue as seeded, with the seats last reported on seat.availability.
create table events (
    id                      text primary key,
    name                    text        not null,
    definition_json         text        not null,
    -- SHA-256 of definition_json; published_hash is the one last sent as ConfigureEvent.
    definition_hash         text        not null,
    published_hash          text,
    availability_as_of      timestamptz,
    updated_at              timestamptz not null default now()
);

create table sessions (
    event_id    text        not null references events (id) on delete cascade,
    id          text        not null,
    position    int         not null,
    title       text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    capacity    int         not null,
    confirmed   int         not null default 0,
    waitlisted  int         not null default 0,
    primary key (event_id, id)
);

-- One row per registration; personal data is here for the organiser and never leaves through the public API.
create table registrations (
    id               text        primary key,
    event_id         text        not null,
    status           text        not null,
    reason           text,
    idempotency_key  text,
    first_name       text,
    last_name        text,
    email            text,
    organisation     text,
    locale           text,
    created_at       timestamptz not null default now(),
    decided_at       timestamptz,
    constraint registrations_idempotency unique (event_id, idempotency_key)
);

create index registrations_event on registrations (event_id, status);

create table registration_sessions (
    registration_id    text not null references registrations (id) on delete cascade,
    session_id         text not null,
    position           int  not null,
    status             text not null,
    waitlist_position  int,
    primary key (registration_id, session_id)
);
