# The debootstrap'ed bookworm rootfs plus ca-certificates and the host's local CA certificates
# (extra-ca/, filled by deploy/standin/build; may be empty). Local stand-in only.
FROM budgetportal-standin/rootfs:bookworm
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && update-ca-certificates
