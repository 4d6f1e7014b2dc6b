-- wrk script for the HTTP ceiling: the same POST as the load tool's clients send (load-test/README.md, "Is the
-- ceiling the client's?"). The ceiling ignores the Idempotency-Key; a new one each request keeps the requests alike.
--   wrk -t2 -c64 -d20s --latency -s load-test/wrk/ceiling.lua http://localhost:8090/ceiling/events/ceiling/registrations
wrk.method = "POST"
wrk.body = '{"firstName":"Łukasz","lastName":"Wiśniewska","email":"r1234.wrk@example.org",'
        .. '"organisation":"Instytut Rozwoju Miast i Regionów","sessionIds":["main"],"locale":"pl",'
        .. '"consents":{"terms":true,"privacy":true}}'

local sent = 0

request = function()
   sent = sent + 1
   return wrk.format(nil, nil, {
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = "wrk-" .. sent,
   })
end
