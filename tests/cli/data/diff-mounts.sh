echo x > /data/f; echo y > /srv/www/new; echo z > /etc/hosts; echo h > /etc/hostname; touch /in-layer
