-- Call sessions and the attempts the per-number limiter counts. A phone number is only ever stored
-- as HMAC-SHA256(secret, E.164): 32 bytes that cannot be turned back into the number.
--
-- The two tables are deliberately not linked by a foreign key: attempts are the limiter's ledger and
-- live as long as a rule can count them (the longer of the window and 24 h), sessions are call
-- records kept for their own retention. Cleaning one must never change what the other counts.

CREATE TABLE call_session (
    id                   uuid        PRIMARY KEY,
    phone_hash           bytea       NOT NULL CHECK (octet_length(phone_hash) = 32),
    scenario_id          text        NOT NULL,
    scenario_config      jsonb       NOT NULL,
    voice                text        NOT NULL,
    status               text        NOT NULL,
    twilio_call_sid      text        UNIQUE,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    answered_at          timestamptz,
    ended_at             timestamptz,
    duration_seconds     integer,
    input_tokens         bigint      NOT NULL DEFAULT 0,
    output_tokens        bigint      NOT NULL DEFAULT 0,
    input_audio_tokens   bigint      NOT NULL DEFAULT 0,
    output_audio_tokens  bigint      NOT NULL DEFAULT 0
);

-- The concurrency cap counts sessions that have not ended (and are younger than the open-session
-- timeout); the partial index stays as small as the number of calls in flight.
CREATE INDEX call_session_open_idx ON call_session (created_at) WHERE ended_at IS NULL;
-- Retention cleanup.
CREATE INDEX call_session_created_idx ON call_session (created_at);

-- One row per granted reservation; deleted again when the reservation is released.
CREATE TABLE call_attempt (
    session_id  uuid        PRIMARY KEY,
    phone_hash  bytea       NOT NULL CHECK (octet_length(phone_hash) = 32),
    created_at  timestamptz NOT NULL
);

-- The rolling-window count: attempts for one number newer than now - window.
CREATE INDEX call_attempt_phone_time_idx ON call_attempt (phone_hash, created_at);
-- The daily cap and cleanup.
CREATE INDEX call_attempt_created_idx ON call_attempt (created_at);
