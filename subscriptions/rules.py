"""Who may do what with a subscription: decided here, and no perm is needed.

A subscription belongs to an e-mail address, not to a user of the portal. Anyone may ask to
subscribe (the form is public and rate-limited per connection, see services); confirming
and unsubscribing are done by whoever holds the signed token mailed to the address, and
subscriptions.services checks that token. A django-rules perm asks about a signed-in user,
so it has nothing to decide here; this module exists so the decision is where permissions
are looked for, and so tests/test_permission_source.py keeps role checks out of the app."""
