// Ink renders only the last frame when it believes it runs in CI (is-in-ci reads
// CI at import time); screen tests must see every frame, CI or not.
process.env.CI = 'false';
delete process.env.CONTINUOUS_INTEGRATION;
