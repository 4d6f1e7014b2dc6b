-- Email verification holds (decision 0030): a registration for an event that requires verification is HELD until
-- its address is verified or the hold ends. The status page tells when; after the end the registration is CANCELLED
-- with reason HOLD_EXPIRED, and held_until stays to say when it ended.
alter table registrations add column held_until timestamptz;
