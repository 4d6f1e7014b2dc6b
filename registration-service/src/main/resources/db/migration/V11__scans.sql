-- Each scan of a ticket as the capacity-service decided it (topic attendance, decision 0024): one row per scan id of
-- an event, written once. Attendance counts (present per session) are the ADMITTED rows: the single writer admits a
-- registration once per door (session_id null = the venue's entrance). Conflicts are offline scans of tickets
-- cancelled before the scan arrived, for the organisers to see.
create table scans (
    event_id        text        not null,
    scan_id         text        not null,
    registration_id text        not null,
    session_id      text,
    scanned_at      timestamptz not null,
    result          text        not null,
    result_at       timestamptz,
    conflict        boolean     not null default false,
    decided_at      timestamptz not null,
    primary key (event_id, scan_id)
);

create index scans_admitted on scans (event_id, session_id) where result = 'ADMITTED';
create index scans_conflicts on scans (event_id, decided_at) where conflict;
