#!/bin/bash
for h in web1 web2; do
  ssh deploy@$h 'sudo systemctl restart app'  # lambdafit-expect(shell-ssh-to-host)
done
scp build/app.tar.gz deploy@web1:/srv/app/  # lambdafit-expect(shell-ssh-to-host)
rsync -az ./static/ deploy@web2:/var/www/static/  # lambdafit-expect(shell-ssh-to-host)
ssh -i ~/.ssh/id_ed25519 ops@bastion uptime  # lambdafit-expect(shell-ssh-to-host)
# ssh root@db1   lambdafit-expect-not(shell-ssh-to-host)
echo "ssh to the bastion if this fails"  # lambdafit-expect-not(shell-ssh-to-host)
rsync -a ./build/ ./dist/  # lambdafit-expect-not(shell-ssh-to-host)
ssh_opts="-o BatchMode=yes"  # lambdafit-expect-not(shell-ssh-to-host)
rsync -az --delete /opt/kit/ "deploy@$host:/opt/kit/"  # lambdafit-expect(shell-ssh-to-host)
LogText "Hash (ssh or machineid)"  # lambdafit-expect-not(shell-ssh-to-host)
Display --indent 2 --text "- Checking ssh configuration"  # lambdafit-expect-not(shell-ssh-to-host)
