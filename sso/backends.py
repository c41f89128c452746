from budget_portal.backends import ModelBackend


class SessionOnlyBackend(ModelBackend):
    """With LOCAL_LOGIN=False: finds the signed-in user for the session, checks no password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None
