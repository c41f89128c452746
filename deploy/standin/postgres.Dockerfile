# STAND-IN for postgres:16 (Docker Hub unreachable here); see docs/docker-check.md.
# Debian bookworm's PostgreSQL 15 (not 16) with a small entrypoint that does what compose.yaml
# relies on from the official image: POSTGRES_USER/PASSWORD/DB on first start, data in
# /var/lib/postgresql/data, password logins from other hosts, `postgres -c ...` as command,
# pg_isready on PATH, SIGINT to stop.
FROM budgetportal-standin/debian:bookworm
LABEL org.budgetportal.standin="deploy/standin: not the official image"
RUN mkdir -p /etc/postgresql-common \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
