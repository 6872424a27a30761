# Why a message did not arrive, as the digest, the asker or the pass's
# output says it.

why-dms-closed = they do not accept direct messages from this server
why-no-such-recipient = the chat platform knows no such user or channel
why-deactivated = their account is deactivated
why-said = { $platform ->
    [discord] Discord
    [slack] Slack
   *[other] The chat platform
} refused it: { $error }
why-status = { $platform ->
    [discord] Discord
    [slack] Slack
   *[other] The chat platform
} answered { $status }
why-unreachable = the chat platform could not be reached
why-rate-limited = still rate limited after { $attempts ->
    [one] 1 attempt
   *[other] { $attempts } attempts
}; not sent
why-after = { $why } (after { $attempts ->
    [one] 1 attempt
   *[other] { $attempts } attempts
})
why-checkin-closed = the check-in was closed before its reminder
why-too-late = not posted: its week's window closed over a week before anything ran
why-interrupted = interrupted while sending; not sent again, so that it is never sent twice
why-not-here = they have never used skillbot here

# Why a pass left a message for the next one.
left-stopped = not sent, left for the next pass: the pass was told to stop
left-deadline = not sent, left for the next pass: the pass's time was up
left-long-wait = not sent, left for the next pass: the chat platform asked to wait { $seconds } s

# Why a pass stopped before the end of its work (the command line's output).
pass-end-deadline = its time was up
pass-end-stopped = it was told to stop
pass-end-rate-limited = the chat platform asked to wait { $seconds } s, longer than a pass waits
pass-end-outage = { $failed } messages in a row failed: the chat platform seems to be down
pass-stopped-early = The pass stopped early ({ $why }); the rest is left for the next pass.
