-- The automatic no-show release (decision 0044): one row per session and moment (its start plus the event's minutes)
-- whose ReleaseNoShows has been sent. Inserted with ON CONFLICT DO NOTHING in the transaction that sends the command,
-- so of several instances (or a restart) exactly one sends it; a send that fails rolls the row back and the next
-- check claims it again. A changed start or changed minutes is a new moment.
create table no_show_release_claims (
    event_id     text        not null,
    session_id   text        not null,
    release_from timestamptz not null,
    release_id   text        not null,
    claimed_at   timestamptz not null,
    primary key (event_id, session_id, release_from)
);
