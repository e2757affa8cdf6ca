-- Call sessions and the attempts the per-number limiter counts. A phone number is only ever stored
-- as HMAC-SHA256(secret, E.164): 32 bytes that cannot be turned back into the number.

CREATE TABLE call_session (
    id               uuid        PRIMARY KEY,
    phone_hash       bytea       NOT NULL CHECK (octet_length(phone_hash) = 32),
    scenario_id      text        NOT NULL,
    scenario_config  jsonb       NOT NULL,
    voice            text        NOT NULL,
    status           text        NOT NULL,
    twilio_call_sid  text        UNIQUE,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    ended_at         timestamptz
);

-- Sessions still holding a concurrency slot are the ones not ended yet.
CREATE INDEX call_session_open_idx ON call_session (created_at) WHERE ended_at IS NULL;
CREATE INDEX call_session_created_idx ON call_session (created_at);

CREATE TABLE call_attempt (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone_hash  bytea       NOT NULL CHECK (octet_length(phone_hash) = 32),
    session_id  uuid        REFERENCES call_session (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL
);

-- The rolling-window count: attempts for one number newer than now - window.
CREATE INDEX call_attempt_phone_time_idx ON call_attempt (phone_hash, created_at);
-- Cleanup and the daily cap.
CREATE INDEX call_attempt_created_idx ON call_attempt (created_at);
