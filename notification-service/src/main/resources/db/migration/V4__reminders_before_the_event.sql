-- Reminders before the event (issue 18, decision 0028): what each registration holds now, kept up to date from its
-- first decision, promotions and changes of sessions (a cancellation sets cancelled_at as before), so that a
-- scheduled job can find whom to remind, and write the reminder, without any message in hand.
ALTER TABLE recipient
    ADD COLUMN status        text,         -- CONFIRMED or WAITLISTED: the registration's status as last told here
    ADD COLUMN event_summary jsonb,        -- the event as the decisions describe it (name, venue, zone, dates)
    ADD COLUMN held_sessions jsonb,        -- the confirmed sessions, as SessionOutcome objects (title, times)
    ADD COLUMN starts_at     timestamptz,  -- when the first of them starts (else the event's first day, 00:00)
    ADD COLUMN seat_since    timestamptz;  -- since when the registration holds a seat (null: it holds none)

-- The scheduled job's question: who holds a seat in an event starting between now and now + the reminder's offset.
CREATE INDEX recipient_reminder_due ON recipient (starts_at)
    WHERE cancelled_at IS NULL AND status = 'CONFIRMED';

-- sent_email also holds reminders: decision_id 'reminder:<offset>' (e.g. 'reminder:PT24H'), kind REMINDER, status
-- SENDING while an instance sends it (its claim; taken over once older than REMINDER_CLAIM_TIMEOUT), SENT after the
-- server's 250, FAILED when refused for good.
