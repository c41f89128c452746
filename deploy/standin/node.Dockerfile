# STAND-IN for node:20-bookworm-slim (Docker Hub unreachable here); see docs/docker-check.md.
# The build context holds the host's node 20 binary and its npm (deploy/standin/build copies
# them); that npm installs npm 10.8.2 (the npm node 20 ships) from the npm registry, then goes.
# Node keeps its own CA list; NODE_EXTRA_CA_CERTS adds the system's (with any local CA).
FROM budgetportal-standin/debian:bookworm
LABEL org.budgetportal.standin="deploy/standin: not the official image"
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY node /usr/local/bin/node
COPY npm-bootstrap /tmp/npm-bootstrap
RUN node /tmp/npm-bootstrap/bin/npm-cli.js install -g --prefix /usr/local --no-audit --no-fund \
      npm@10.8.2 \
 && rm -rf /tmp/npm-bootstrap /root/.npm \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
