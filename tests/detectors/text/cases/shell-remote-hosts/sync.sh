#!/bin/bash
for h in web1 web2; do
  ssh deploy@$h 'sudo systemctl restart app'
done
scp build/app.tar.gz deploy@web1:/srv/app/
rsync -az ./static/ deploy@web2:/var/www/static/
ssh -i ~/.ssh/id_ed25519 ops@bastion uptime
# ssh root@db1   (negative: comment)
echo "ssh to the bastion if this fails"
rsync -a ./build/ ./dist/
ssh_opts="-o BatchMode=yes"
rsync -az --delete /opt/kit/ "deploy@$host:/opt/kit/"
