// A real OpenID Connect provider for the tests (panva's certified oidc-provider), on 127.0.0.1.
// Usage: node provider.mjs CONFIG.json — the test writes the issuer, port, clients, signing key
// and accounts there; accounts are read again at every sign-in, so a test can change a
// person's groups between two sign-ins, as a directory would.
import fs from "node:fs";
import Provider from "oidc-provider";

const path = process.argv[2];
const config = JSON.parse(fs.readFileSync(path, "utf8"));
const accounts = () => JSON.parse(fs.readFileSync(path, "utf8")).accounts;

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: ["test-only-cookie-key"] },
  scopes: ["openid", "profile", "email", "groups"],
  claims: {
    openid: ["sub"],
    profile: ["name", "given_name", "family_name", "preferred_username"],
    email: ["email", "email_verified"],
    groups: ["groups"],
  },
  // The groups travel in the ID token, as Entra ID and AD FS send them.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  async findAccount(ctx, id) {
    const claims = accounts()[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  // Consent is the municipality's business, not the test's: every client is pre-approved.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid profile email groups");
    grant.addOIDCClaims(["name", "given_name", "family_name", "preferred_username", "email", "groups"]);
    await grant.save();
    return grant;
  },
});
provider.on("server_error", (ctx, err) => console.error("server_error", err));
provider.listen(config.port, "127.0.0.1", () => console.log("ready"));
