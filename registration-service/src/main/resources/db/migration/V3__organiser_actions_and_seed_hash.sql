-- Every organiser action (event changed, registration cancelled on someone's behalf, export): who, what, when.
-- No personal data here beyond a registration id: the detail names sessions and numbers, never people.
create table organiser_actions (
    id               bigserial   primary key,
    at               timestamptz not null default now(),
    actor            text        not null,
    action           text        not null,
    event_id         text,
    registration_id  text,
    detail           text
);

create index organiser_actions_at on organiser_actions (at desc, id desc);

-- SHA-256 of the seed file's definition last seeded: a restart re-seeds an event only when its file changed, so
-- an organiser's changes made in the organiser area survive restarts.
alter table events add column seed_hash text;
