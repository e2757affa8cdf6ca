-- Transcripts and coaching reports of finished calls, one row per call session.
--
-- Keyed by the session id but deliberately without a foreign key: sessions are the limiter's call
-- records with their own (shorter) retention, while a report is kept for the person to come back to
-- (callcoach.report.retention, 7 days by default). Nothing here identifies the caller: no phone number
-- or hash, and digit runs that could be a number are masked in the transcript before it is stored.
-- The report token is stored only as its SHA-256.

CREATE TABLE call_report (
    session_id   uuid        PRIMARY KEY,
    token_hash   bytea       NOT NULL CHECK (octet_length(token_hash) = 32),
    scenario_id  text        NOT NULL,
    -- [{"speaker": "AI"|"CALLER", "text": "...", "offsetMs": 1234}, ...] in conversation order
    transcript   jsonb       NOT NULL,
    state        text        NOT NULL CHECK (state IN ('preparing', 'ready', 'failed')),
    -- the CoachingReport record of shared-contracts, once state is 'ready'
    report       jsonb,
    failure      text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- Retention cleanup.
CREATE INDEX call_report_created_idx ON call_report (created_at);
