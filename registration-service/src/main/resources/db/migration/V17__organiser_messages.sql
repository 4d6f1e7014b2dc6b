-- Messages from organisers (decision 0042): what was sent to whom is counted here, never who they are. A message's
-- texts are the organiser's; the page asks not to name people in them.
create table organiser_messages (
    id          text primary key,
    event_id    text        not null,
    session_id  text,
    subject_pl  text        not null,
    body_pl     text        not null,
    subject_en  text        not null,
    body_en     text        not null,
    sent_at     timestamptz not null default now()
);
create index organiser_messages_event on organiser_messages (event_id, sent_at);

-- One row per registration a message reached (an OrganiserMessageAddressed); its email's fate is the row of
-- email_deliveries with the same decision_id.
create table organiser_message_recipients (
    decision_id          text primary key,
    organiser_message_id text not null,
    registration_id      text not null,
    event_id             text not null
);
create index organiser_message_recipients_message on organiser_message_recipients (organiser_message_id);
