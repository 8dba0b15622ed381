# shellcheck shell=bash
# bench/run.sh's nginx: the Target stand-in (the echo module, one port per delay, answering the
# tests' Delivery answer after the delay) and the floor, a proxy_pass in front of it.
# Sourced by bench/run.sh; reads ROOT, WORK, DELAYS, PORT_BASE, NOFILE; start_standins sets
# STANDIN_PID and PROXY_PID.

ECHO_MODULE=/usr/lib/nginx/modules/ngx_http_echo_module.so

standin_port() { echo $((PORT_BASE + 20 + $1)); }
proxy_port() { echo $((PORT_BASE + 30 + $1)); }

# Every port the stand-ins and proxies listen on, one per delay each.
nginx_ports() {
	local i=0 delay
	for delay in $DELAYS; do
		echo "$(standin_port $i) $(proxy_port $i)"
		i=$((i + 1))
	done
}

nginx_conf() { # name workers servers
	cat >"$WORK/$1.conf" <<-CONF
		load_module $ECHO_MODULE;
		worker_processes $2;
		worker_rlimit_nofile $NOFILE;
		pid $WORK/$1.pid;
		error_log $WORK/$1-error.log warn;
		events { worker_connections $((NOFILE / 2)); }
		http {
		  access_log off;
		  keepalive_requests 1000000;
		  keepalive_timeout 120s;
		  client_body_temp_path $WORK/$1-body;
		  proxy_temp_path $WORK/$1-proxy;
		  $3
		}
	CONF
}

start_nginx() { # name -> NGINX_PID, the master's
	nginx -p "$WORK" -c "$WORK/$1.conf" -g 'daemon off;' 2>>"$WORK/$1-error.log" &
	PIDS+=($!)
	NGINX_PID=$!
}

# Writes the stand-in's answer and both configurations, starts both nginx and waits for their ports.
start_standins() {
	# The Delivery answer of the tests, with its relative links made absolute.
	sed 's#\\": \\"/#\\": \\"https://shop.example.com/#g' \
		"$ROOT/src/test/resources/io/recsbridge/target/delivery-response-cart.json" >"$WORK/delivery.json"
	local i=0 delay standin_servers="" proxy_servers=""
	for delay in $DELAYS; do
		standin_servers+="
  server {
    listen 127.0.0.1:$(standin_port $i) backlog=4096;
    location / {
      default_type application/json;
      echo_sleep $(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }');
      echo_location_async /delivery.json;
    }
    location = /delivery.json { internal; root $WORK; }
  }"
		proxy_servers+="
  upstream standin$i {
    server 127.0.0.1:$(standin_port $i);
    keepalive 2048;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$(proxy_port $i) backlog=4096;
    location / {
      proxy_pass http://standin$i;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
		i=$((i + 1))
	done
	nginx_conf standin 1 "$standin_servers"
	nginx_conf proxy auto "$proxy_servers"

	start_nginx standin
	# shellcheck disable=SC2034 # read by bench/run.sh
	STANDIN_PID=$NGINX_PID
	start_nginx proxy
	# shellcheck disable=SC2034 # read by bench/run.sh
	PROXY_PID=$NGINX_PID
	local port
	for port in $(nginx_ports); do
		wait_for_port "$port"
	done
}
