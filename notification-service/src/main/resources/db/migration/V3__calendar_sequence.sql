-- The SEQUENCE of each registration's calendar entry of each session, so that it only grows (decision 0025): a session
-- dropped and chosen again, moved or cancelled gets a file that calendars take as newer than the last one. A
-- registration's first invites (sequence 0) write no row; the first later file inserts 1.
CREATE TABLE calendar_sequence (
    registration_id text    NOT NULL,
    session_id      text    NOT NULL,
    sequence        integer NOT NULL,
    decision_id     text    NOT NULL,  -- the message whose file carried it: its redelivery gets the same number
    PRIMARY KEY (registration_id, session_id)
);
