# The app under gunicorn; static files served by whitenoise; CJK fonts for the PDF.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei \
        fonts-lxgw-wenkai fonts-liberation2 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# collectstatic needs a key to import settings; the real one comes at run time.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput

RUN useradd --create-home bulletin && mkdir -p /app/media && chown bulletin /app/media
USER bulletin

EXPOSE 8000
# Timeouts, worker recycling, the memory guard and request limits: config/gunicorn.py.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn -c config/gunicorn.py config.wsgi"]
